import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function AlertsPage() {
  return <PageHeader title="Alerts" description="Not built yet." />;
}
