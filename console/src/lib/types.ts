/** Response shapes the console reads (the OpenAPI document types the requests). */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: 'platform-admin' | 'tenant-admin' | 'tenant-viewer';
  tenant: string | null;
}
export interface Ready {
  status: string;
  reason: string | null;
  message: string | null;
}
export interface TenantSummary {
  slug: string;
  displayName: string;
  status: string;
  users: number;
  lastHour: { received: number; sent: number; failed: number; errorRate: number };
  lastMessageAt: string | null;
  ready: Ready | null;
}
export interface Health {
  status: 'healthy' | 'degraded' | 'failing';
  problems: string[];
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  lastHour: { received: number; replies: number; failed: number; errorRate: number };
  queue: { pending: number; unacknowledged: number; redelivered: number; deadLetters: number } | null;
}
export interface LiveSecond {
  at: number;
  inbound: number;
  outbound: number;
  statuses: number;
  deadLetters: number;
}
export interface Message {
  id: string;
  direction: 'in' | 'out';
  wamid: string | null;
  peer: string;
  contactId: string | null;
  userName: string | null;
  type: string;
  text: string;
  status: string;
  error: { code: number; message: string } | null;
  createdAt: string;
}
export interface Mapping {
  id: string;
  userId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  waUserId: string | null;
  profileName: string | null;
  status: 'active' | 'disabled';
  lastSeenAt: string | null;
}
export interface AuditEntry {
  id: string;
  createdAt: string;
  tenant: string | null;
  actor: string;
  action: string;
  target: string | null;
  outcome: 'success' | 'denied' | 'failure';
  ip: string | null;
  details: Record<string, unknown> | null;
}
