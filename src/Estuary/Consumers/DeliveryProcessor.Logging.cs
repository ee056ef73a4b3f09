using System;
using Microsoft.Extensions.Logging;

namespace Estuary.Consumers;

// What the delivery processor logs: one message per outcome that an operator may need to act on.
internal sealed partial class DeliveryProcessor
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} failed on message {MessageId}; instant retry {Retry} of {Retries}")]
    private static partial void LogInstantRetry(ILogger logger, Exception exception, string endpoint, Guid messageId, int retry, int retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Endpoint} failed on message {MessageId}; delayed retry {Retry} of {Retries} in {Delay}")]
    private static partial void LogDelayedRetry(ILogger logger, Exception exception, string endpoint, Guid messageId, int retry, int retries, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} for {EndpointId} from channel {Channel} is in the dead letter: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, Exception? exception, Guid messageId, string endpointId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} for {EndpointId} failed and went to error channel {ErrorChannel}")]
    private static partial void LogSentToErrorChannel(ILogger logger, Exception exception, Guid messageId, string endpointId, string errorChannel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} for {EndpointId} failed and is dropped (final failure strategy: ignore)")]
    private static partial void LogIgnored(ILogger logger, Exception exception, Guid messageId, string endpointId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Message {MessageId} for {EndpointId} failed; it stays on channel {Channel} and the consumer stops (final failure strategy: stop consumer)")]
    private static partial void LogStopping(ILogger logger, Exception exception, Guid messageId, string endpointId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} expired before {EndpointId} on channel {Channel} handled it; dropped")]
    private static partial void LogExpired(ILogger logger, Guid messageId, string endpointId, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} for {EndpointId} on channel {Channel} was handled and committed, but its deduplication mark (in another database) was not: a copy sent again would be handled again")]
    private static partial void LogEnlistedNotCommitted(ILogger logger, Exception exception, Guid messageId, string endpointId, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} for {EndpointId} on channel {Channel} was handled and committed, but {Count} message(s) it sent to channels outside its transaction could not be sent and are lost (no outbox)")]
    private static partial void LogNotSent(ILogger logger, Exception exception, Guid messageId, string endpointId, string channel, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} already handled by {Endpoint} (key {Key}); skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string endpoint, string key);
}
