import type { Page } from '@playwright/test';

/** A colour variable of the theme (`--accent`, `--danger`, …) as the page computes it: "rgb(31, 122, 92)". */
export const themeColour = (page: Page, variable: string) =>
  page.evaluate((v) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${v})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, variable);
