import { deflateSync, Inflate, strToU8 } from 'fflate';
import type { Notebook } from '../model/notebook';
import { NotebookFileError, parseNotebook, serializeNotebook } from './notebook-file';
import { isShareFragment, SHARE_PREFIX as PREFIX } from './share-fragment';

/** The version of the link format: `#nb=<version>.<base64url of the deflated notebook file>`. */
export const SHARE_LINK_VERSION = 1;
/** Links longer than this are refused when made: chat apps and mail cut long URLs. */
export const MAX_LINK_CHARS = 60_000;
/** What a link may unpack to; anything bigger is not a SegLab link (or a deflate bomb). */
const MAX_NOTEBOOK_BYTES = 4_000_000;

export class ShareLinkError extends Error {
  constructor(
    readonly code: 'damaged' | 'newer-version' | 'too-large',
    detail: string,
  ) {
    super(detail);
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Inflates in small steps, so a link that would unpack to gigabytes stops early. */
function inflateAtMost(data: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > limit) throw new ShareLinkError('too-large', `unpacks to over ${limit} bytes`);
    chunks.push(chunk);
  });
  for (let i = 0; i < data.length; i += 1024) {
    inflate.push(data.subarray(i, i + 1024), i + 1024 >= data.length);
  }
  if (data.length === 0) inflate.push(new Uint8Array(0), true);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The URL fragment (`#nb=...`) holding a notebook's definition: cells, mappings, preset settings,
 * chart settings, language, presentation. Notebooks never hold data, and browsers never send a
 * fragment to the server. Throws ShareLinkError('too-large') when it would be too long.
 */
export function shareFragment(notebook: Notebook): string {
  const json = JSON.stringify(JSON.parse(serializeNotebook(notebook)));
  const packed = toBase64Url(deflateSync(strToU8(json), { level: 9 }));
  const fragment = `${PREFIX}${SHARE_LINK_VERSION}.${packed}`;
  if (fragment.length > MAX_LINK_CHARS) {
    throw new ShareLinkError('too-large', `${fragment.length} characters`);
  }
  return fragment;
}

/** The notebook in a `#nb=...` fragment; throws ShareLinkError naming what is wrong. */
export function readShareFragment(hash: string): Notebook {
  if (!isShareFragment(hash)) throw new ShareLinkError('damaged', 'no #nb= in the link');
  const body = hash.slice(PREFIX.length);
  const match = /^(\d+)\.([A-Za-z0-9_-]*)$/.exec(body);
  if (!match) throw new ShareLinkError('damaged', 'the link was cut or changed');
  if (Number(match[1]) > SHARE_LINK_VERSION) {
    throw new ShareLinkError('newer-version', `link version ${match[1]}`);
  }
  if (body.length > MAX_NOTEBOOK_BYTES) {
    throw new ShareLinkError('too-large', `${body.length} characters`);
  }
  let text: string;
  try {
    const json = inflateAtMost(fromBase64Url(match[2]!), MAX_NOTEBOOK_BYTES);
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError('damaged', 'the link was cut or changed');
  }
  try {
    return parseNotebook(text);
  } catch (e) {
    if (e instanceof NotebookFileError && (e.code === 'newer-version' || e.code === 'too-large')) {
      throw new ShareLinkError(e.code, e.message);
    }
    throw new ShareLinkError('damaged', e instanceof Error ? e.message : String(e));
  }
}
