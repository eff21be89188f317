import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function AnalyticsPage() {
  return <PageHeader title="Analytics" description="Not built yet." />;
}
