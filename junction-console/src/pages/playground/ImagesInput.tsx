import { ActionIcon, Button, FileButton, Group, Image, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconPhotoPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { imageUrlProblem, type ImageInput } from '../../lib/playground';

/** The largest image file read into the request (the admin API takes bodies up to 1 MiB). */
const MAX_FILE_BYTES = 700 * 1024;

/** Images for the next message: a file (sent as a data URL) or an image URL, as image_url content parts. */
export function ImagesInput({ images, onChange }: { images: ImageInput[]; onChange: (images: ImageInput[]) => void }) {
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const addUrl = () => {
    const p = imageUrlProblem(url.trim());
    setProblem(p);
    if (!p) {
      onChange([...images, { url: url.trim(), name: url.trim().slice(0, 60) }]);
      setUrl('');
    }
  };
  const addFile = (file: File | null) => {
    if (!file) return;
    if (!file.type.startsWith('image/')) return setProblem(`${file.name} is not an image.`);
    if (file.size > MAX_FILE_BYTES) return setProblem(`${file.name} is larger than 700 KiB.`);
    const reader = new FileReader();
    reader.onload = () => {
      setProblem(null);
      onChange([...images, { url: String(reader.result), name: file.name }]);
    };
    reader.onerror = () => setProblem(`${file.name} could not be read.`);
    reader.readAsDataURL(file);
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs">
        <TextInput label="Image URL" placeholder="https://…/picture.png" value={url} style={{ flex: 1 }}
          error={problem} onChange={(e) => setUrl(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addUrl(); } }} />
        <Button variant="default" onClick={addUrl} disabled={!url.trim()}>Add URL</Button>
        <FileButton onChange={addFile} accept="image/*">
          {(props) => <Button {...props} variant="default" leftSection={<IconPhotoPlus size={16} />}>Add a file</Button>}
        </FileButton>
      </Group>
      {images.length === 0 ? <Text size="sm" c="dimmed">No images in the next message.</Text> : (
        <Group gap="xs">
          {images.map((image, i) => (
            <Paper key={i} withBorder p={4} radius="sm">
              <Group gap={4} wrap="nowrap">
                <Image src={image.url} alt={image.name} w={40} h={40} fit="cover" radius="xs" />
                <Text size="xs" maw={140} truncate>{image.name}</Text>
                <ActionIcon size="sm" variant="subtle" aria-label={`Remove image ${image.name}`}
                  onClick={() => onChange(images.filter((_, j) => j !== i))}><IconX size={14} /></ActionIcon>
              </Group>
            </Paper>
          ))}
        </Group>
      )}
    </Stack>
  );
}
