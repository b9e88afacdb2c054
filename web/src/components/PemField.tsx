import { Button, FileButton, Group, Stack, Text, Textarea } from "@mantine/core";
import { type DragEvent, useState } from "react";

interface PemFieldProps {
  /** The text's label, e.g. "Certificate (PEM)"; the file button is named after it. */
  label: string;
  description?: string;
  value: string;
  onChange: (text: string) => void;
  /** A file was read (chosen or dropped): by default its text becomes the value. */
  onFile?: (text: string, fileName: string) => void;
  error?: string | boolean | undefined;
  required?: boolean;
  /** The file button's words, naming what it reads, e.g. "Choose the certificate file…". */
  fileButton?: string;
}

const ACCEPT = ".pem,.crt,.cer,.key,.txt,application/x-pem-file,application/x-x509-ca-cert,text/plain";

/**
 * PEM text (a certificate, a private key): pasted, or read from a file chosen with the button or dropped
 * on the field. The file is read in the browser (as text) and goes to the API in the JSON body like the
 * rest of the form; nothing is uploaded on its own.
 */
export function PemField({
  label,
  description,
  value,
  onChange,
  onFile,
  error,
  required,
  fileButton = "Choose a file…",
}: PemFieldProps) {
  const [dragging, setDragging] = useState(false);
  const [read, setRead] = useState("");

  async function take(file: File | null) {
    if (!file) return;
    const text = await file.text();
    (onFile ?? onChange)(text, file.name);
    setRead(`Read ${file.name}.`);
  }

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0] ?? null);
  };

  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={description ?? "Paste the PEM text, choose the file, or drop it here."}
        required={required}
        rows={5}
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        placeholder="-----BEGIN …-----"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        styles={{
          input: {
            fontFamily: "var(--mantine-font-family-monospace)",
            fontSize: 12,
            outline: dragging ? "2px dashed var(--mantine-primary-color-filled)" : undefined,
          },
        }}
      />
      <Group gap="sm">
        <FileButton onChange={take} accept={ACCEPT} inputProps={{ "aria-label": fileButton }}>
          {(props) => (
            <Button {...props} variant="default" size="xs">
              {fileButton}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed" aria-live="polite">
          {read}
        </Text>
      </Group>
    </Stack>
  );
}

/** The blocks of a PEM text: the certificate and the private key it holds, if any (a file may hold both). */
export function pemBlocks(text: string): { certificate?: string; privateKey?: string } {
  const blocks = text.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g) ?? [];
  const certificate = blocks.find((block) => block.startsWith("-----BEGIN CERTIFICATE-----"));
  const privateKey = blocks.find((block) => /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(block));
  return {
    ...(certificate && { certificate: `${certificate}\n` }),
    ...(privateKey && { privateKey: `${privateKey}\n` }),
  };
}
