package org.tracemap.gazetteer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The word lists of {@code config/gazetteer/context.yaml}, each under its key there (each list English and Chinese
 * together). What each list means is written beside it in that file; the miner reads them through
 * {@link Gazetteer#wording}. A key the file has and this enum does not is an error at load, not a silent no-op.
 */
public enum Wording {
    /** Something was built, signed, opened or delivered (English entries match their plurals too). */
    PROJECT("project"),
    /** Market news, user numbers, bans: the company is only mentioned. */
    NOT_PROJECT("notProject"),
    /** Right before a company's name: a rival or bystander ("over Huawei"). */
    NOT_ACTOR("notActor"),
    /** Between a parent's name and its subsidiary's ("CETC's subsidiary Hikvision"). */
    PARENT_OF("parentOf"),
    /** Between a subsidiary's name and its parent's ("Hikvision, a subsidiary of CETC"). */
    CHILD_OF("childOf"),
    /** Points back to a company named before ("the company", "双方"). */
    REFERENCE("reference"),
    /** Points back to every company of the earlier sentence ("the two companies"). */
    REFERENCE_MANY("referenceMany"),
    /** "The" and up to three words before one of these nouns point back too ("the Hangzhou-based manufacturer"). */
    REFERENCE_NOUNS("referenceNouns"),
    /** Something physical is being built or opened. */
    BUILD("build"),
    /** Opens or closes a list of cooperation areas ("areas such as", "等领域"). */
    SCOPE_ONLY("scopeOnly"),
    /** How tenders name the winner ("Successful Bidder", "中标人"). */
    AWARD("award"),
    /** Starts the list of losing bidders. */
    NOT_AWARD("notAward"),
    /** A guess, a rumour, an intention or a denial rather than a fact ("reportedly", 据传, 或将). */
    HEDGE("hedge"),
    /** Right before a country: a helper, lender or sanctioner, not where a project is ("with help from"). */
    NOT_LOCATION_BEFORE("notLocationBefore"),
    /** Right after a country: it acts on others, or qualifies another organisation ("the US sanctioned", "US supplier"). */
    NOT_LOCATION_AFTER("notLocationAfter"),
    /** Between a cue and the company right after it that give the company the cue ("built by", "an MoU with"). */
    AGENT("agent"),
    /** Puts a sentence's project at home in mainland China ("domestically", "国内"). */
    DOMESTIC("domestic"),
    /** Companies the dataset does not track but that act in the same sentences (Nokia, AWS, WuXi Biologics). */
    OTHER_COMPANIES("otherCompanies"),
    /** Data-centre cues where a cloud company is named ("Huawei Cloud opened its Santiago region"). */
    CLOUD_REGION("cloudRegion");

    private final String key;

    Wording(String key) {
        this.key = key;
    }

    /** The list's key in context.yaml. */
    public String key() {
        return key;
    }

    public static Optional<Wording> byKey(String key) {
        return Arrays.stream(values()).filter(w -> w.key.equals(key)).findFirst();
    }
}
