import { useLayoutEffect, useRef, type InputHTMLAttributes } from 'react';

/** Props of {@link SecretInput}: an input's, with the value passed as a string and changes as strings. */
export type SecretInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'defaultValue' | 'onChange' | 'type'> & {
  value: string;
  onValueChange: (value: string) => void;
};

/**
 * A password box whose value never becomes an HTML attribute. React keeps a
 * controlled input's `value` attribute in step with what is typed, so a
 * controlled password box put the password in the DOM (`outerHTML`,
 * extensions, CSS attribute selectors). This one is uncontrolled: the value
 * is written to the element's `value` property only, when it differs from
 * what the box holds (a saved site picked, the form cleared).
 */
export function SecretInput({ value, onValueChange, ...rest }: SecretInputProps) {
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && el.value !== value) el.value = value;
  }, [value]);
  return <input {...rest} ref={ref} type="password" onChange={(e) => onValueChange(e.target.value)} />;
}
