package org.tracemap.gazetteer;

import java.util.List;

/**
 * A company the miner looks for, with every name it or its subsidiaries go by (English and Chinese).
 *
 * @param nameZh the company's main Chinese name (the first of its own {@code zh} names), "" when it has none
 */
public record Company(String id, String name, String nameZh, List<String> names) {}
