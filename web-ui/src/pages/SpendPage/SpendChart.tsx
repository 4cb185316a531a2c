import { useEffect, useRef } from 'react';
import type { SpendRow } from '../../api/types';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatCost } from '../../modules/format/format';
import { chartData } from '../../modules/spend/spend';

/** A colour of the page's theme (styles.css), for the canvas, which CSS does not reach. */
function themeColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const HEIGHT = 220;
const DAY = 86_400;
const HALF_DAY = DAY / 2;
/** Ticks on whole days only: a day, two, a week, two weeks, a month. */
const DAY_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "7 Dec" for a day drawn at its UTC midnight. */
function dayLabel(seconds: number): string {
  return dayFormat.format(new Date(seconds * 1000));
}

/**
 * Each day's cost as bars (uPlot on a canvas), with the day and cost under the pointer in its legend. It is drawn
 * again when its rows or the theme change and resized with its box; the same figures are in a table beside it for
 * keyboards and screen readers.
 */
export function SpendChart({ rows }: { rows: SpendRow[] }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const [days, costs] = chartData(rows);
    let chart: uPlot | null = null;
    const draw = () => {
      chart?.destroy();
      const text = themeColour('--text');
      const grid = themeColour('--border');
      const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      chart = new uPlot(
        {
          width: element.clientWidth,
          height: HEIGHT,
          // Days are dates, drawn at their UTC midnight: the ticks must not move with the browser's zone.
          tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
          legend: { live: true },
          cursor: { drag: { x: false, y: false } },
          scales: {
            x: { time: true, range: (_u, min, max) => [min - HALF_DAY, max + HALF_DAY] },
            y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
          },
          axes: [
            { ...axis, space: 48, incrs: DAY_STEPS, values: (_u, ticks) => ticks.map(dayLabel) },
            // Ticks keep the digits that tell them apart (cents alone would label $0.0125 and $0.01 alike).
            { ...axis, size: 64, values: (_u, ticks) => ticks.map((usd) => `$${Number(usd.toPrecision(3))}`) },
          ],
          series: [
            { label: 'Day', value: (_u, seconds) => (seconds == null ? '–' : dayLabel(seconds)) },
            {
              label: 'Cost',
              value: (_u, usd) => (usd == null ? '–' : formatCost(String(usd))),
              fill: themeColour('--accent'),
              stroke: themeColour('--accent-strong'),
              paths: uPlot.paths.bars!({ size: [0.7, 48] }),
              points: { show: false },
            },
          ],
        },
        [days, costs],
        element,
      );
    };
    draw();
    const resize = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      theme.disconnect();
      chart?.destroy();
    };
  }, [rows]);

  return <div ref={box} className="spend-chart" data-testid="spend-chart" aria-hidden />;
}
