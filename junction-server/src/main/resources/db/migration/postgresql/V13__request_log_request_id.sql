-- Looks up one request's log entry by the id the gateway answered with (GET /api/admin/requests/{id}).
CREATE INDEX request_logs_request_id ON request_logs (request_id);
