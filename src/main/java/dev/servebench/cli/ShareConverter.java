package dev.servebench.cli;

import picocli.CommandLine;

import java.util.Locale;

/** Reads a share written as a percentage ("2%", "2.5 %") or a fraction ("0.02") into a fraction. */
final class ShareConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("%")) {
                return Double.parseDouble(s.substring(0, s.length() - 1).strip()) / 100;
            }
            double v = Double.parseDouble(s);
            if (v >= 1) {
                throw new CommandLine.TypeConversionException("'" + value + "' is ambiguous; write a percentage like "
                        + v + "% or a fraction below 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("cannot read '" + value + "' as a share; write e.g. 2% or 0.02");
        }
    }
}
