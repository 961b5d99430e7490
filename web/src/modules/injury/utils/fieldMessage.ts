/**
 * A server field error's message without the field's name in front (`prod_pass:必填` → `必填`,
 * `nodes:node "D2": node has no children` → `node "D2": …`), for showing it where the field is.
 */
export function fieldMessage(field: string, message: string): string {
  const prefix = `${field}:`
  return message.startsWith(prefix) ? message.slice(prefix.length).trimStart() : message.startsWith(`${field}：`) ? message.slice(field.length + 1).trimStart() : message
}
