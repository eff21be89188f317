import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function SimulatorPage() {
  return <PageHeader title="Simulator" description="Not built yet." />;
}
