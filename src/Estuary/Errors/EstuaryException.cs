using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary;

/// <summary>Base of the errors Estuary raises about wiring and dispatch. Messages say what to do.</summary>
public class EstuaryException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public EstuaryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public EstuaryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>No handler accepts the message that was sent.</summary>
public sealed class NoHandlerException(string message) : EstuaryException(message);

/// <summary>More than one handler claims a command, query or routing key.</summary>
public sealed class DuplicateHandlerException(string message) : EstuaryException(message);

/// <summary>A handler needs a header the message was sent without, or the header cannot be converted.</summary>
public sealed class MissingHeaderException(string message) : EstuaryException(message);

/// <summary>Generated code belongs to a module that was not added in <c>AddEstuary</c>.</summary>
public sealed class ModuleNotAddedException(string message) : EstuaryException(message);

/// <summary>A service a handler needs is not registered.</summary>
public sealed class ServiceNotRegisteredException(string message) : EstuaryException(message);

/// <summary>A payload cannot be turned into the message type a handler expects.</summary>
public sealed class MessageConversionException : EstuaryException
{
    /// <summary>Creates the exception with a message.</summary>
    public MessageConversionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public MessageConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A stored event this build cannot read: a name no composed module registers, a revision newer than
/// the type's, an older revision without an upcaster, or data that does not fit the type. Unlike an
/// unusable incoming message, a handler failing on it is retried as usual: during a rolling deploy the
/// code that reads the event may be running a moment later.
/// </summary>
public sealed class StoredEventException : EstuaryException
{
    /// <summary>Creates the exception with a message.</summary>
    public StoredEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public StoredEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Work committed, but messages it sent to channels outside its transaction could not be sent
/// afterwards, and no outbox held them: they are lost. Register an outbox (<c>UsePostgres</c>) to
/// store such messages in the transaction and forward them until they arrive.
/// </summary>
public sealed class MessagesNotSentException : EstuaryException
{
    internal MessagesNotSentException(IReadOnlyList<(Channels.OutgoingMessage Message, Exception Error)> unsent)
        : base(Describe(unsent), unsent[0].Error)
    {
        Unsent = [.. unsent.Select(static u => u.Message)];
    }

    /// <summary>The messages that were not sent.</summary>
    public IReadOnlyList<Channels.OutgoingMessage> Unsent { get; }

    private static string Describe(IReadOnlyList<(Channels.OutgoingMessage Message, Exception Error)> unsent) =>
        $"The work committed, but {unsent.Count} message(s) for channels outside its transaction could not be sent and no outbox holds them: "
        + string.Join("; ", unsent.Select(static u => $"{u.Message.Message} on channel '{u.Message.Channel}' ({u.Error.Message})"))
        + ". Register an outbox (UsePostgres) so such messages are stored with the work and forwarded until they arrive.";
}

/// <summary>
/// A message is larger than its channel takes (<c>ConsumerSettings.MaxPayloadBytes</c>): refused when
/// sent, so it never reaches a consumer that would dead-letter it unread.
/// </summary>
public sealed class MessageTooLargeException(string message) : EstuaryException(message);

/// <summary>An asynchronous endpoint names a channel the host does not declare.</summary>
public sealed class ChannelNotDeclaredException(string message) : EstuaryException(message);

/// <summary>A distributed command is sent to a service the <see cref="DistributedServiceMap"/> does not list.</summary>
public sealed class UnknownServiceException(string message) : EstuaryException(message);
