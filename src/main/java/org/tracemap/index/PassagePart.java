package org.tracemap.index;

/**
 * A run of a highlighted passage's text: either a query match ({@code hit}) or the text between matches. The text
 * is the page's own characters, unescaped: a client shows it as text (a browser through {@code textContent}, a
 * terminal as it is), so archived markup can never become markup on our side.
 */
public record PassagePart(String text, boolean hit) {}
