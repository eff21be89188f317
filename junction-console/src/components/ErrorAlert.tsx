import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { ApiError } from '../api/client';

/** An error as the API worded it (its type in small print), or the browser's message. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const type = error instanceof ApiError ? error.type : undefined;
  return (
    <Alert color="red" icon={<IconAlertCircle />} title={title ?? 'Something went wrong'} role="alert">
      {message}
      {type && <div style={{ opacity: 0.7, fontSize: '0.85em', marginTop: 4 }}>{type}</div>}
    </Alert>
  );
}
