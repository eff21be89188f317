import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function BudgetsPage() {
  return <PageHeader title="Budgets" description="Not built yet." />;
}
