using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Estuary.Cli;

/// <summary>
/// Options that parse and range-check their value in one step, so a bad value is reported as a usage
/// error naming the option and what it takes, before anything runs. (A validator would run after a
/// failed conversion too and could not read the value.)
/// </summary>
internal static class OptionParsers
{
    public static Option<int?> Count(string name, string description, int minimum) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ParseCount(result, name, minimum),
    };

    public static Option<int> Count(string name, string description, int minimum, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseCount(result, name, minimum) ?? defaultValue,
    };

    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "hh:mm:ss",
        CustomParser = result =>
        {
            var token = Token(result);
            if (TimeSpan.TryParse(token, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
            {
                return value;
            }

            result.AddError($"{name} takes a positive duration such as 00:00:30 (30 seconds) or 7.00:00:00 (7 days), not '{token}'.");
            return null;
        },
    };

    private static int? ParseCount(ArgumentResult result, string name, int minimum)
    {
        var token = Token(result);
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        result.AddError($"{name} takes a whole number of at least {minimum}, not '{token}'.");
        return null;
    }

    // Options of one value: System.CommandLine gives the parser exactly one token.
    private static string Token(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value;
}
