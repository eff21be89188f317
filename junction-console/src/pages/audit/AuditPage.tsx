import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function AuditPage() {
  return <PageHeader title="Audit" description="Not built yet." />;
}
