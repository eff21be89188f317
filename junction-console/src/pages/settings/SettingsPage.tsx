import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function SettingsPage() {
  return <PageHeader title="Settings" description="Not built yet." />;
}
