package org.tracemap.mine;

import java.util.List;
import org.tracemap.gazetteer.Company;

/** A company name where a sentence writes it: one of ours (its companies), or one we do not track (no companies). */
record CompanyMention(int start, int end, List<Company> values) {}
