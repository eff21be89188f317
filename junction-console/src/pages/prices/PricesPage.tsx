import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function PricesPage() {
  return <PageHeader title="Prices" description="Not built yet." />;
}
