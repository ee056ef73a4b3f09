using System;
using System.ComponentModel;

namespace Estuary.Runtime;

/// <summary>
/// Binds <see cref="HeaderAttribute"/> parameters. Generated code calls the method matching the
/// parameter's type and nullability, chosen at compile time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HeaderBinding
{
    /// <summary>A required text header.</summary>
    public static string RequiredString(MessageContext context, string header, Endpoint endpoint, string parameter) =>
        context.TryGetHeader(header, out var raw) && HeaderValue.TryString(raw, out var value) ? value : throw Missing(context, header, endpoint, parameter, raw);

    /// <summary>An optional text header.</summary>
    public static string? OptionalString(MessageContext context, string header, Endpoint endpoint, string parameter) =>
        context.TryGetHeader(header, out var raw) && HeaderValue.TryString(raw, out var value) ? value : null;

    /// <summary>A required header of a parsable type (numbers, <see cref="Guid"/>, dates...).</summary>
    public static T RequiredParsable<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : IParsable<T> =>
        context.TryGetHeader(header, out var raw) && HeaderValue.TryParsable<T>(raw, out var value) ? value : throw Missing(context, header, endpoint, parameter, raw);

    /// <summary>An optional header of a parsable value type.</summary>
    public static T? OptionalParsableValue<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : struct, IParsable<T> =>
        context.TryGetHeader(header, out var raw) && raw is not null ? Convert<T>(raw, context, header, endpoint, parameter) : null;

    /// <summary>An optional header of a parsable reference type.</summary>
    public static T? OptionalParsableReference<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : class, IParsable<T> =>
        context.TryGetHeader(header, out var raw) && raw is not null ? Convert<T>(raw, context, header, endpoint, parameter) : null;

    /// <summary>A required enum header (the value, or its name or number as text).</summary>
    public static T RequiredEnum<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : struct, Enum =>
        context.TryGetHeader(header, out var raw) && HeaderValue.TryEnum<T>(raw, out var value) ? value : throw Missing(context, header, endpoint, parameter, raw);

    /// <summary>An optional enum header.</summary>
    public static T? OptionalEnum<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : struct, Enum
    {
        if (!context.TryGetHeader(header, out var raw) || raw is null)
        {
            return null;
        }

        return HeaderValue.TryEnum<T>(raw, out var value) ? value : throw Missing(context, header, endpoint, parameter, raw);
    }

    /// <summary>A required header that must already hold a <typeparamref name="T"/>.</summary>
    public static T RequiredCast<T>(MessageContext context, string header, Endpoint endpoint, string parameter) =>
        context.TryGetHeader(header, out var raw) && HeaderValue.TryCast<T>(raw, out var value) ? value : throw Missing(context, header, endpoint, parameter, raw);

    /// <summary>An optional header holding a value type.</summary>
    public static T? OptionalCastValue<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : struct
    {
        if (!context.TryGetHeader(header, out var raw) || raw is null)
        {
            return null;
        }

        return raw is T value ? value : throw Missing(context, header, endpoint, parameter, raw);
    }

    /// <summary>An optional header holding a reference type.</summary>
    public static T? OptionalCastReference<T>(MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : class
    {
        if (!context.TryGetHeader(header, out var raw) || raw is null)
        {
            return null;
        }

        return raw as T ?? throw Missing(context, header, endpoint, parameter, raw);
    }

    private static T Convert<T>(object raw, MessageContext context, string header, Endpoint endpoint, string parameter)
        where T : IParsable<T> =>
        HeaderValue.TryParsable<T>(raw, out var value) ? value : throw Missing(context, header, endpoint, parameter, raw);

    private static MissingHeaderException Missing(MessageContext context, string header, Endpoint endpoint, string parameter, object? raw)
    {
        if (raw is not null)
        {
            return new MissingHeaderException(
                $"{endpoint.Name} needs header '{header}' for parameter '{parameter}', but its value '{raw}' ({raw.GetType().Name}) cannot be converted. " +
                "Send a value of the parameter's type or text it can be parsed from.");
        }

        var message = endpoint.MessageType?.Name ?? "the message";
        return new MissingHeaderException(
            $"{endpoint.Name} needs header '{header}' for parameter '{parameter}', but {message} (id {context.MessageId}) was sent without it. " +
            $"Send it with the message (new MessageHeaders {{ [\"{header}\"] = ... }}), or make the parameter nullable to make it optional.");
    }
}
