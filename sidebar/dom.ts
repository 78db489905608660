/**
 * Tiny DOM helpers. Every piece of data reaches the page as a text node or a property: never innerHTML, so a
 * buyer named "<img src=x onerror=…>" shows as those characters.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  title?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  disabled?: boolean;
  checked?: boolean;
  name?: string;
  role?: string;
  testId?: string;
  onClick?: (e: MouseEvent) => void;
  onSubmit?: (e: Event) => void;
  onInput?: (e: Event) => void;
  onChange?: (e: Event) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.title) el.title = props.title;
  if (props.role) el.setAttribute("role", props.role);
  if (props.testId) el.setAttribute("data-testid", props.testId);
  const input = el as unknown as HTMLInputElement;
  if (props.type !== undefined) input.type = props.type;
  if (props.value !== undefined) input.value = props.value;
  if (props.placeholder !== undefined) input.placeholder = props.placeholder;
  if (props.name !== undefined) input.name = props.name;
  if (props.disabled !== undefined) input.disabled = props.disabled;
  if (props.checked !== undefined) input.checked = props.checked;
  if (props.onClick) el.addEventListener("click", props.onClick as EventListener);
  if (props.onSubmit) el.addEventListener("submit", props.onSubmit);
  if (props.onInput) el.addEventListener("input", props.onInput);
  if (props.onChange) el.addEventListener("change", props.onChange);
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces everything inside `el` with `children`. */
export function replace(el: Node, ...children: (Child | Child[])[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}
