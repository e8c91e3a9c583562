package org.tracemap.gazetteer;

import java.util.List;

/** A company the miner looks for, with every name it or its subsidiaries go by (English and Chinese). */
public record Company(String id, String name, List<String> names) {}
