/** What a step dialog (StepDialog.vue) asks for and does. */
export interface StepChoice {
  value: string
  label: string
}
export interface StepForm {
  title: string
  /** i18n key of the text's label. */
  textLabel: string
  /** Whether the text is needed (also per choice, e.g. a note only when sending back). */
  textRequired?: boolean | ((choice: string) => boolean)
  textHint?: string
  maxlength?: number
  /** i18n key of the choice's label, with its choices. */
  choiceLabel?: string
  choices?: StepChoice[]
  /** A sentence above the form. */
  hint?: string
  /** The text the dialog opens with (a draft's summary, say). */
  initialText?: string
  submit: (v: { choice: string; text: string }) => Promise<unknown>
}
