import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { sql, PostgreSQL } from '@codemirror/lang-sql';

export interface SqlEditorOptions {
  value: string;
  schema: Record<string, string[]>;
  label: string;
  onchange: (value: string) => void;
  onrun: () => void;
}

/** A CodeMirror SQL editor in `parent`; loaded on demand, so the first screen never waits for it. */
export interface SqlEditor {
  setSchema(schema: Record<string, string[]>): void;
  /** Replaces the text when it differs (an edit from elsewhere, e.g. a preset's SQL). */
  setValue(value: string): void;
  destroy(): void;
}

const sqlLanguage = (s: Record<string, string[]>) =>
  sql({ dialect: PostgreSQL, schema: s, upperCaseKeywords: true });

export function createSqlEditor(parent: HTMLElement, options: SqlEditorOptions): SqlEditor {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.value,
      extensions: [
        basicSetup,
        language.of(sqlLanguage(options.schema)),
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                options.onrun();
                return true;
              },
            },
          ]),
        ),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onchange(update.state.doc.toString());
        }),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.lineWrapping,
      ],
    }),
  });
  return {
    setSchema: (schema) => view.dispatch({ effects: language.reconfigure(sqlLanguage(schema)) }),
    setValue: (value) => {
      if (value !== view.state.doc.toString()) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      }
    },
    destroy: () => view.destroy(),
  };
}
