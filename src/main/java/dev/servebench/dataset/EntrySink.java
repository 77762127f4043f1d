package dev.servebench.dataset;

/** Where a reader puts each entry of a file, in file order. */
interface EntrySink {
    /** A usable entry. */
    void entry(RawEntry entry);

    /** An entry that cannot be used, for this reason ("with fewer than 2 turns", "with an empty prompt"). */
    void skipped(String reason);
}
