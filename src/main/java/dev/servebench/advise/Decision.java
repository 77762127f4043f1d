package dev.servebench.advise;

/**
 * One choice in a plan with its one-line reason.
 *
 * @param setting what is chosen, e.g. {@code block-size}
 * @param value the chosen value as it would be written
 * @param why one line of reasoning
 * @param rule the rule it rests on
 */
public record Decision(String setting, String value, String why, RuleId rule) {
}
