import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep, calm blue: trustworthy without being loud, with enough contrast for white text.
const brand: MantineColorsTuple = [
  '#eaf1fc',
  '#d3e0f5',
  '#a6bfe9',
  '#769cdd',
  '#4e7ed2',
  '#346bcc',
  '#2561c9',
  '#1751b2',
  '#0b479f',
  '#003d8d',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 8,
  colors: { brand },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    fontWeight: '700',
  },
  defaultRadius: 'md',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { fw: 600 } },
    Card: { defaultProps: { withBorder: true, radius: 'lg', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'lg' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { allowDeselect: false, checkIconPosition: 'right' } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
  },
});
