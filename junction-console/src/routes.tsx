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
  /** The permission the page reads with; the navigation leaves it out for a session without it. */
  needs: string;
  /** Another permission that also opens the page (the keys page: `own_keys:read`, a developer's own keys). */
  orNeeds?: string;
  /** Whether the permission must reach every tenant (instance pages). */
  instance?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

export const PAGES: PageDef[] = [
  { path: '/', label: 'Overview', group: 'Monitor', icon: IconLayoutDashboard,
    component: page(() => import('./pages/overview/OverviewPage')), needs: 'analytics:read' },
  { path: '/analytics', label: 'Analytics', group: 'Monitor', icon: IconChartBar,
    component: page(() => import('./pages/analytics/AnalyticsPage')), needs: 'analytics:read' },
  { path: '/requests', label: 'Request logs', group: 'Monitor', icon: IconListDetails,
    component: page(() => import('./pages/requests/RequestsPage')), children: ['/requests/:id'], needs: 'logs:read' },
  { path: '/health', label: 'Health', group: 'Monitor', icon: IconHeartbeat,
    component: page(() => import('./pages/health/HealthPage')), needs: 'health:read',
    instance: true },
  { path: '/keys', label: 'Keys', group: 'Govern', icon: IconKey,
    component: page(() => import('./pages/keys/KeysPage')), needs: 'keys:read', orNeeds: 'own_keys:read' },
  { path: '/people', label: 'Users, teams, tenants', group: 'Govern', icon: IconUsers,
    component: page(() => import('./pages/people/PeoplePage')), needs: 'users:read' },
  { path: '/budgets', label: 'Budgets', group: 'Govern', icon: IconCoin,
    component: page(() => import('./pages/budgets/BudgetsPage')), needs: 'budgets:read' },
  { path: '/audit', label: 'Audit trail', group: 'Govern', icon: IconShieldCheck,
    component: page(() => import('./pages/audit/AuditPage')), needs: 'audit:read' },
  { path: '/providers', label: 'Providers', group: 'Configure', icon: IconPlugConnected,
    component: page(() => import('./pages/providers/ProvidersPage')), needs: 'providers:write',
    instance: true },
  { path: '/routes', label: 'Routes', group: 'Configure', icon: IconRoute,
    component: page(() => import('./pages/routes/RoutesPage')), needs: 'routes:write',
    instance: true },
  { path: '/prices', label: 'Prices', group: 'Configure', icon: IconActivity,
    component: page(() => import('./pages/prices/PricesPage')), needs: 'prices:read' },
  { path: '/alerts', label: 'Alerts', group: 'Configure', icon: IconBell,
    component: page(() => import('./pages/alerts/AlertsPage')), needs: 'alerts:read',
    instance: true },
  { path: '/settings', label: 'Settings', group: 'Configure', icon: IconSettings,
    component: page(() => import('./pages/settings/SettingsPage')), needs: 'settings:read',
    instance: true },
  { path: '/playground', label: 'Playground', group: 'Try', icon: IconFlask,
    component: page(() => import('./pages/playground/PlaygroundPage')), needs: 'playground:use' },
  { path: '/simulator', label: 'Simulator', group: 'Try', icon: IconSend,
    component: page(() => import('./pages/simulator/SimulatorPage')), needs: 'routes:write',
    instance: true },
];

/** The pages a session may open. */
export function pagesFor(allowed: (page: PageDef) => boolean): PageDef[] {
  return PAGES.filter(allowed);
}

export const GROUPS: PageDef['group'][] = ['Monitor', 'Govern', 'Configure', 'Try'];
