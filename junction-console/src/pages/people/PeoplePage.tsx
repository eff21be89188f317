import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function PeoplePage() {
  return <PageHeader title="People" description="Not built yet." />;
}
