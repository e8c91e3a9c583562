// The shared vocabulary of the UI: company and category ids (as in config/gazetteer/), their display
// names, and the category colours used on the map. Filters, edit forms and the map all read from here.
// The gazetteer is the source of truth: loadVocabulary() reads it from GET /api/vocabulary; the lists below are
// the fallback when the server cannot answer, and hold the map colours.
import { api } from './api.js';

/** Companies, in the gazetteer's order: id, English display name, main Chinese name. */
export const COMPANIES = Object.freeze([
  { id: 'huawei', name: 'Huawei', zh: '华为' },
  { id: 'zte', name: 'ZTE', zh: '中兴通讯' },
  { id: 'tencent', name: 'Tencent', zh: '腾讯' },
  { id: 'baidu', name: 'Baidu', zh: '百度' },
  { id: 'cetc', name: 'CETC', zh: '中国电子科技集团' },
  { id: 'alibaba', name: 'Alibaba', zh: '阿里巴巴' },
  { id: 'china-mobile', name: 'China Mobile', zh: '中国移动' },
  { id: 'china-telecom', name: 'China Telecom', zh: '中国电信' },
  { id: 'china-unicom', name: 'China Unicom', zh: '中国联通' },
  { id: 'wuxi-apptec', name: 'WuXi AppTec', zh: '药明康德' },
  { id: 'hikvision', name: 'Hikvision', zh: '海康威视' },
  { id: 'bgi', name: 'BGI', zh: '华大基因' },
]);

/** Categories of overseas presence: id, label, and a colour for the map (distinct, readable on light tiles). */
export const CATEGORIES = Object.freeze([
  { id: 'university-partnership', label: 'University partnership', color: '#1f77b4' },
  { id: 'research-partnership', label: 'Research partnership', color: '#17a2b8' },
  { id: 'smart-city-public-security', label: 'Smart/safe city and public security', color: '#d62728' },
  { id: 'surveillance-equipment', label: 'Surveillance equipment', color: '#7f1d1d' },
  { id: '5g', label: '5G', color: '#ff7f0e' },
  { id: 'rd-lab', label: 'R&D lab', color: '#9467bd' },
  { id: 'undersea-cable', label: 'Undersea cable', color: '#08306b' },
  { id: 'terrestrial-cable', label: 'Terrestrial cable', color: '#2ca02c' },
  { id: 'leased-cable', label: 'Leased cable capacity', color: '#6b8e23' },
  { id: 'data-centre', label: 'Data centre', color: '#8c564b' },
  { id: 'telecom-ict-project', label: 'Telecom/ICT project', color: '#e377c2' },
  { id: 'overseas-office', label: 'Overseas office', color: '#6c757d' },
  { id: 'investment-joint-venture', label: 'Investment/joint venture', color: '#b5a300' },
  { id: 'training', label: 'Training', color: '#e76f51' },
  { id: 'mou-agreement', label: 'MoU/agreement', color: '#4b2991' },
  { id: 'manufacturing-facility', label: 'Manufacturing facility', color: '#222222' },
]);

/** Colour for a point whose category is not in the list above (an operator added one) or a mixed group. */
export const OTHER_COLOR = '#555555';

export const STATUSES = Object.freeze(['PENDING', 'APPROVED', 'REJECTED', 'MERGED', 'ALL']);
export const ORIGINS = Object.freeze(['MINED', 'SUBMISSION', 'MANUAL']);

const companyById = new Map(COMPANIES.map((c) => [c.id, c]));
const categoryById = new Map(CATEGORIES.map((c) => [c.id, c]));
const colorById = new Map(CATEGORIES.map((c) => [c.id, c.color]));

let loading = null;

/**
 * The companies and categories of the server's gazetteer, as { companies: [{id, name, zh}], categories: [{id, label,
 * color}] } in the gazetteer's order; an operator's new category gets OTHER_COLOR. Once loaded, companyName() and
 * categoryLabel() know every id. When the server cannot be asked, the lists above, with fallback: true.
 */
export function loadVocabulary() {
  if (!loading) {
    loading = api('/api/vocabulary', { auth: false }).then((data) => {
      const companies = (data.companies || []).map((c) => ({ id: c.id, name: c.name, zh: c.nameZh || '' }));
      const categories = (data.categories || []).map((c) => ({ id: c.id, label: c.label, color: colorById.get(c.id) || OTHER_COLOR }));
      for (const c of companies) companyById.set(c.id, c);
      for (const c of categories) categoryById.set(c.id, c);
      return { companies, categories, fallback: false };
    }).catch(() => ({ companies: COMPANIES, categories: CATEGORIES, fallback: true }));
  }
  return loading;
}

/** "Huawei" for "huawei"; an unknown id is shown as it is. */
export function companyName(id) {
  const c = companyById.get(id);
  return c ? c.name : (id ?? '');
}

/** "Huawei 华为" — for option lists, so reviewers reading Chinese sources recognise the company. */
export function companyOptionLabel(c) {
  return c.zh ? `${c.name} ${c.zh}` : c.name;
}

export function categoryLabel(id) {
  const c = categoryById.get(id);
  return c ? c.label : (id ?? '');
}

export function categoryColor(id) {
  const c = categoryById.get(id);
  return c ? c.color : OTHER_COLOR;
}

let regionNames = null;
try {
  regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
} catch (e) {
  regionNames = null; // an old browser: codes are shown alone
}

/** "Kenya" for "KE"; the code itself when the browser cannot name it. */
export function countryName(code) {
  if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code)) return code ?? '';
  try {
    return regionNames ? regionNames.of(code.toUpperCase()) : code.toUpperCase();
  } catch (e) {
    return code.toUpperCase();
  }
}
