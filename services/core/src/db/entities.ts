export { Tenant } from './entities/tenant.entity.ts';
export { WhatsAppConfig } from './entities/whatsapp-config.entity.ts';
export { User } from './entities/user.entity.ts';
export { WhatsAppContact } from './entities/whatsapp-contact.entity.ts';
export { Project } from './entities/project.entity.ts';
export { Task, TASK_PRIORITIES, type TaskPriority } from './entities/task.entity.ts';
export {
  WhatsAppMessage,
  MESSAGE_STATUSES,
  type MessageStatus,
  type StatusChange,
  messageText,
} from './entities/whatsapp-message.entity.ts';
export { Reminder } from './entities/reminder.entity.ts';
export { MessageAnalytics } from './entities/message-analytics.entity.ts';
export { PerformanceMetric } from './entities/performance-metric.entity.ts';
export { AdminAccount, ADMIN_ROLES, type AdminRole } from './entities/admin-account.entity.ts';
export { AdminSession } from './entities/admin-session.entity.ts';
export { SecurityAuditLog, AUDIT_OUTCOMES, type AuditOutcome } from './entities/security-audit-log.entity.ts';
