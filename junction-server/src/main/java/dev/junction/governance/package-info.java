/**
 * The data plane's view of governance: the {@link dev.junction.governance.GovernanceSnapshot} of keys resolved to
 * {@link dev.junction.governance.KeyGrant}s, the {@link dev.junction.governance.Governor} that admits a request (scope,
 * limits, budget reservation) and its {@link dev.junction.governance.Admission}, and {@link
 * dev.junction.governance.Governance}, which owns the store, limiter, ledger and request-log writer.
 */
package dev.junction.governance;
