// Crawl definitions and runs in words: a Quartz cron expression as a sentence, a run's counts as a line.

const DAYS = { SUN: 'Sunday', MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday' };
const DAY_NUMBERS = ['', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']; // Quartz: 1 = Sunday

const two = (n) => String(n).padStart(2, '0');

function dayName(field) {
  if (/^[1-7]$/.test(field)) return DAY_NUMBERS[Number(field)];
  return DAYS[field.toUpperCase()] || null;
}

/**
 * "every day at 06:00", "every Monday at 03:30", "every 6 hours", "every 15 minutes" for the common shapes of a
 * Quartz expression (seconds minutes hours day-of-month month day-of-week [year]); null for the rest, which the
 * page shows as the expression itself. Times are the server's time zone.
 */
export function scheduleInWords(cron) {
  if (typeof cron !== 'string' || !cron.trim()) return null;
  const f = cron.trim().split(/\s+/);
  if (f.length < 6 || f.length > 7 || f[0] !== '0') return null;
  const [, min, hour, dom, month, dow] = f;
  if (f.length === 7 && f[6] !== '*') return null;
  if (month !== '*') return null;
  const anyDay = (dom === '*' || dom === '?') && (dow === '*' || dow === '?');
  let m;
  if (anyDay && (m = /^(?:0|\*)\/(\d+)$/.exec(min)) && hour === '*') return `every ${m[1]} minutes`;
  if (anyDay && /^\d+$/.test(min) && (m = /^(?:0|\*)\/(\d+)$/.exec(hour))) {
    return `every ${m[1]} hours${min === '0' ? '' : ` at ${two(min)} past the hour`}`;
  }
  if (anyDay && /^\d+$/.test(min) && hour === '*') return `every hour at ${two(min)} past`;
  if (!/^\d+$/.test(min) || !/^\d+$/.test(hour)) return null;
  const at = `at ${two(hour)}:${two(min)}`;
  if (anyDay) return `every day ${at}`;
  if (dom === '?' && dow.toUpperCase() === 'MON-FRI') return `every weekday ${at}`;
  if (dom === '?' && dayName(dow)) return `every ${dayName(dow)} ${at}`;
  if (/^\d+$/.test(dom) && (dow === '?' || dow === '*')) return `on day ${dom} of every month ${at}`;
  return null;
}

/** "5 captured: 3 new, 1 changed, 1 unchanged" (with the rest when not zero). */
export function countsInWords(c) {
  if (!c) return '';
  const parts = [`${c.new ?? 0} new`, `${c.changed ?? 0} changed`, `${c.unchanged ?? 0} unchanged`];
  if (c.gone) parts.push(`${c.gone} gone`);
  if (c.failed) parts.push(`${c.failed} failed`);
  if (c.blockedByRobots) parts.push(`${c.blockedByRobots} blocked by robots.txt`);
  return `${c.captured ?? 0} captured: ${parts.join(', ')}`;
}
