// Where the lesson menu goes so that it stays inside the window (LessonPicker).

/** How far left of the button (a negative CSS `left`) the menu goes so that its right
 * edge stays 8 px inside the window, never past the window's left edge. */
export function menuShift(rect: { left: number; width: number }, windowWidth: number, margin = 8): number {
  const over = rect.left + rect.width - (windowWidth - margin);
  if (over <= 0) return 0;
  return -Math.min(over, Math.max(0, rect.left - margin));
}
