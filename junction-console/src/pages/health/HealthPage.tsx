import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function HealthPage() {
  return <PageHeader title="Health" description="Not built yet." />;
}
