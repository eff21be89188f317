import {
  IconActivity, IconBell, IconChartBar, IconCoin, IconFlask, IconHeartbeat, IconKey,
  IconLayoutDashboard, IconListDetails, IconPlugConnected, IconRoute, IconSettings, IconShieldCheck, IconSend,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page of the console: where it lives, how the navigation shows it, and its component (loaded on first visit). */
export interface PageDef {
  path: string;
  label: string;
  group: 'Monitor' | 'Govern' | 'Configure' | 'Try';
  icon: ComponentType<{ size?: number; stroke?: number }>;
  component: LazyExoticComponent<ComponentType>;
  /** Further paths the page answers (detail views), as wouter patterns. */
  children?: string[];
}

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

export const PAGES: PageDef[] = [
  { path: '/', label: 'Overview', group: 'Monitor', icon: IconLayoutDashboard,
    component: page(() => import('./pages/overview/OverviewPage')) },
  { path: '/analytics', label: 'Analytics', group: 'Monitor', icon: IconChartBar,
    component: page(() => import('./pages/analytics/AnalyticsPage')) },
  { path: '/requests', label: 'Request logs', group: 'Monitor', icon: IconListDetails,
    component: page(() => import('./pages/requests/RequestsPage')), children: ['/requests/:id'] },
  { path: '/health', label: 'Health', group: 'Monitor', icon: IconHeartbeat,
    component: page(() => import('./pages/health/HealthPage')) },
  { path: '/keys', label: 'Keys', group: 'Govern', icon: IconKey,
    component: page(() => import('./pages/keys/KeysPage')) },
  { path: '/people', label: 'Users, teams, tenants', group: 'Govern', icon: IconUsers,
    component: page(() => import('./pages/people/PeoplePage')) },
  { path: '/budgets', label: 'Budgets', group: 'Govern', icon: IconCoin,
    component: page(() => import('./pages/budgets/BudgetsPage')) },
  { path: '/audit', label: 'Audit trail', group: 'Govern', icon: IconShieldCheck,
    component: page(() => import('./pages/audit/AuditPage')) },
  { path: '/providers', label: 'Providers', group: 'Configure', icon: IconPlugConnected,
    component: page(() => import('./pages/providers/ProvidersPage')) },
  { path: '/routes', label: 'Routes', group: 'Configure', icon: IconRoute,
    component: page(() => import('./pages/routes/RoutesPage')) },
  { path: '/prices', label: 'Prices', group: 'Configure', icon: IconActivity,
    component: page(() => import('./pages/prices/PricesPage')) },
  { path: '/alerts', label: 'Alerts', group: 'Configure', icon: IconBell,
    component: page(() => import('./pages/alerts/AlertsPage')) },
  { path: '/settings', label: 'Settings', group: 'Configure', icon: IconSettings,
    component: page(() => import('./pages/settings/SettingsPage')) },
  { path: '/playground', label: 'Playground', group: 'Try', icon: IconFlask,
    component: page(() => import('./pages/playground/PlaygroundPage')) },
  { path: '/simulator', label: 'Simulator', group: 'Try', icon: IconSend,
    component: page(() => import('./pages/simulator/SimulatorPage')) },
];

export const GROUPS: PageDef['group'][] = ['Monitor', 'Govern', 'Configure', 'Try'];
