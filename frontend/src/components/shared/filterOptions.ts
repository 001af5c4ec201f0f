// Choices for FilterSelect.

/** The two choices of a yes/no filter: `true` says yesText, `false` noText. */
export function yesNo(yesText: string, noText: string): { value: boolean; label: string }[] {
  return [
    { value: true, label: yesText },
    { value: false, label: noText },
  ]
}
