package org.tracemap.web;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a token may do. Researchers capture and search; reviewers also decide on candidates; operators
 * also run crawls; admins do everything, including managing users and tokens.
 */
public enum Role {
    RESEARCHER(EnumSet.of(Permission.READ, Permission.CAPTURE, Permission.SEARCH)),
    REVIEWER(EnumSet.of(Permission.READ, Permission.CAPTURE, Permission.SEARCH, Permission.REVIEW)),
    OPERATOR(EnumSet.of(Permission.READ, Permission.CAPTURE, Permission.SEARCH, Permission.CRAWL)),
    ADMIN(EnumSet.allOf(Permission.class));

    /** One kind of action an endpoint guards. */
    public enum Permission { READ, CAPTURE, SEARCH, REVIEW, CRAWL, ADMIN }

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    /** The stored name (lower case). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role name; the message lists the valid ones. */
    public static Role parse(String name) {
        for (Role r : values()) if (r.id().equalsIgnoreCase(name == null ? "" : name.strip())) return r;
        throw new IllegalArgumentException("unknown role '" + name + "': use researcher, reviewer, operator or admin");
    }
}
