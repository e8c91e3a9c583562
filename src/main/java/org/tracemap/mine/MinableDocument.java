package org.tracemap.mine;

import java.time.LocalDate;

/** What the miner reads of a snapshot: its title and main text (never navigation or footers), and when it was published. */
public record MinableDocument(String title, String text, LocalDate published, String lang) {}
