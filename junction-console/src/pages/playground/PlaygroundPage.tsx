import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function PlaygroundPage() {
  return <PageHeader title="Playground" description="Not built yet." />;
}
