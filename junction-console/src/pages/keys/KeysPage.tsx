import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function KeysPage() {
  return <PageHeader title="Keys" description="Not built yet." />;
}
