package dev.servebench.advise;

import dev.servebench.BadInputException;

/** An impossible request; the message names the rule that forbids it and what to change. */
public final class AdviceRefusedException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final RuleId rule;

    public AdviceRefusedException(RuleId rule, String problemAndFix) {
        super("refused by rule " + rule + ": " + problemAndFix);
        this.rule = rule;
    }

    public RuleId rule() {
        return rule;
    }
}
