using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Channels;
using Estuary.Runtime;
using Microsoft.Extensions.Logging;

namespace Estuary.Consumers;

/// <summary>
/// Handles one received message: finds its endpoint, reads its payload, runs the handler in a unit
/// of work with instant retries, then acknowledges it, schedules a delayed retry, or applies the
/// channel's final failure strategy. Unusable input (unknown endpoint or message name, invalid
/// payload, a missing required header) goes straight to the dead letter with the reason.
/// </summary>
internal sealed partial class DeliveryProcessor(EstuaryRuntime runtime, IDeadLetterStore deadLetters, IDeduplicationStore deduplication, ILogger logger)
{
    public async ValueTask<DeliveryOutcome> ProcessAsync(ChannelRegistration channel, IChannelDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var started = Stopwatch.GetTimestamp();
        using var activity = DispatchSpans.StartProcess(channel.Name, message);
        var outcome = await ProcessCoreAsync(channel, delivery, cancellationToken).ConfigureAwait(false);
        DispatchSpans.EndProcess(activity, outcome);
        Record(channel.Name, message.EndpointId, outcome, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private static void Record(string channel, string endpoint, DeliveryOutcome outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { EstuaryTelemetry.ChannelTag, channel }, { EstuaryTelemetry.EndpointTag, endpoint } };
        switch (outcome)
        {
            case DeliveryOutcome.Handled:
                EstuaryTelemetry.Handled.Add(1, tags);
                break;
            case DeliveryOutcome.Retrying:
                EstuaryTelemetry.Retried.Add(1, tags);
                break;
            case DeliveryOutcome.DeadLettered:
                EstuaryTelemetry.DeadLettered.Add(1, tags);
                break;
        }

        EstuaryTelemetry.ProcessingTime.Record(elapsed.TotalMilliseconds, tags);
    }

    private async ValueTask<DeliveryOutcome> ProcessCoreAsync(ChannelRegistration channel, IChannelDelivery delivery, CancellationToken cancellationToken)
    {
        await using (delivery.ConfigureAwait(false))
        {
            var message = delivery.Message;
            var unitOfWork = new UnitOfWork(delivery.Session, runtime.Outbox);

            // The message's one context, current for the rest of this method (one AsyncLocal change per
            // message): the stores joining the session and the dead letter see this message's unit of work,
            // and every attempt runs on it with a service scope of its own.
            var context = MessageContext.CreateForDelivery(runtime, message, unitOfWork, cancellationToken);
            MessageContext.EnterAsync(context);
            try
            {
                return await SettleAsync(channel, delivery, context, unitOfWork, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // No scope outlives the message, whatever path created one.
                await context.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<DeliveryOutcome> SettleAsync(ChannelRegistration channel, IChannelDelivery delivery, MessageContext context, UnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        if (delivery.ReadError is { } readError)
        {
            return await DeadLetterAsync(channel, delivery, readError.Message, readError, cancellationToken).ConfigureAwait(false);
        }

        if (message.ExpiresAt is { } expires && expires <= runtime.TimeProvider.GetUtcNow())
        {
            await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            LogExpired(logger, message.MessageId, message.EndpointId, channel.Name);
            return DeliveryOutcome.Expired;
        }

        if (Unusable(channel, message, out var endpoint, out var payload) is { } problem)
        {
            return await DeadLetterAsync(channel, delivery, problem.Reason, problem.Exception, cancellationToken).ConfigureAwait(false);
        }

        var policy = endpoint.Description.Asynchronous?.Retry ?? channel.Consumer.Retry ?? runtime.Options.DefaultRetry;
        try
        {
            return await HandleAsync(channel, delivery, endpoint, payload, context, unitOfWork, policy, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened, no enlisted transaction outlives the delivery.
            await unitOfWork.EndEnlistedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs the attempts, then settles the delivery: acknowledged, retried later, or given its final failure.</summary>
    private async ValueTask<DeliveryOutcome> HandleAsync(
        ChannelRegistration channel, IChannelDelivery delivery, Endpoint endpoint, object? payload, MessageContext context, UnitOfWork unitOfWork, RetryPolicy policy, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var (outcome, failure) = await AttemptAsync(channel, endpoint, payload, context, unitOfWork, policy, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            // Enlisted transactions (a deduplication mark in another database) commit once the handler's
            // work is durable: before the acknowledgement when the delivery has no transaction (the
            // handler's effects are already in their own stores), after it when the delivery's
            // transaction holds them. Either way a crash never leaves a mark without its effects.
            try
            {
                if (delivery.Session is null)
                {
                    await unitOfWork.CommitEnlistedAsync(cancellationToken).ConfigureAwait(false);
                }

                await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // The work did not commit (the message comes back): undo what it changed in memory too.
                await unitOfWork.AbandonAttemptAsync().ConfigureAwait(false);
                throw;
            }

            await AfterAcknowledgementAsync(unitOfWork, channel, delivery.Message).ConfigureAwait(false);
            return outcome;
        }

        if (IsUnusableInput(failure))
        {
            return await DeadLetterAsync(channel, delivery, failure.Message, failure, cancellationToken).ConfigureAwait(false);
        }

        if (message.Attempts < policy.DelayedRetries)
        {
            var delay = policy.DelayFor(message.Attempts + 1, Random.Shared);
            await delivery.RetryAsync(message.ForRetry(runtime.TimeProvider.GetUtcNow() + delay), cancellationToken).ConfigureAwait(false);
            LogDelayedRetry(logger, failure, endpoint.Name, message.MessageId, message.Attempts + 1, policy.DelayedRetries, delay);
            return DeliveryOutcome.Retrying;
        }

        return await FinalFailureAsync(channel, delivery, unitOfWork, failure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first attempt and the instant retries, each in a fresh attempt of the unit of work, with the user
    /// headers the message arrived with and a service scope that ends with the attempt: a retry never sees
    /// the state a failed attempt left in scoped services or headers.
    /// </summary>
    private async ValueTask<(DeliveryOutcome Outcome, Exception? Failure)> AttemptAsync(
        ChannelRegistration channel, Endpoint endpoint, object? payload, MessageContext context, UnitOfWork unitOfWork, RetryPolicy policy, CancellationToken cancellationToken)
    {
        var received = context.UserHeaders;
        for (var attempt = 0; ; attempt++)
        {
            await unitOfWork.BeginAttemptAsync(cancellationToken).ConfigureAwait(false);
            context.RestoreHeaders(received);
            try
            {
                if (channel.Consumer.Deduplicate)
                {
                    var key = endpoint.DeduplicationKey(payload, context) ?? context.MessageId.ToString("D");
                    if (!await deduplication.TryRecordAsync(endpoint.EndpointId, key, cancellationToken).ConfigureAwait(false))
                    {
                        LogDuplicate(logger, context.MessageId, endpoint.Name, key);
                        return (DeliveryOutcome.Duplicate, null);
                    }
                }

                await endpoint.InvokeReceivedAsync(payload, context).ConfigureAwait(false);
                await unitOfWork.FlushInTransactionAsync(cancellationToken).ConfigureAwait(false);
                return (DeliveryOutcome.Handled, null);
            }
            catch (Exception exception) when (!IsShutdown(exception, cancellationToken))
            {
                EstuaryTelemetry.Failed.Add(1, new TagList { { EstuaryTelemetry.ChannelTag, channel.Name }, { EstuaryTelemetry.EndpointTag, endpoint.EndpointId } });
                Activity.Current?.AddException(exception);
                await unitOfWork.RollbackAttemptAsync(cancellationToken).ConfigureAwait(false);
                if (IsUnusableInput(exception) || attempt >= policy.InstantRetries)
                {
                    return (DeliveryOutcome.Retrying, exception);
                }

                LogInstantRetry(logger, exception, endpoint.Name, context.MessageId, attempt + 1, policy.InstantRetries);
            }
            catch
            {
                // The host is stopping: the delivery is released and its transaction rolls back, but
                // what the attempt changed in memory (deduplication marks, in-memory stores) is undone here.
                await unitOfWork.AbandonAttemptAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                await context.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Commits what is still enlisted and forwards or sends what the handler sent. The message itself
    /// is settled by now, so a failure here is reported for what it is, never as a failure of the message.
    /// </summary>
    /// <remarks>It runs to the end even while the host stops: the message is gone from its channel, so what it sent must not be dropped.</remarks>
    private async ValueTask AfterAcknowledgementAsync(UnitOfWork unitOfWork, ChannelRegistration channel, ChannelMessage message)
    {
        try
        {
            await unitOfWork.CommitEnlistedAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogEnlistedNotCommitted(logger, exception, message.MessageId, message.EndpointId, channel.Name);
        }

        try
        {
            await unitOfWork.FlushAfterCommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (MessagesNotSentException exception)
        {
            LogNotSent(logger, exception, message.MessageId, message.EndpointId, channel.Name, exception.Unsent.Count);
        }
    }

    private static bool IsShutdown(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private async ValueTask<DeliveryOutcome> FinalFailureAsync(ChannelRegistration channel, IChannelDelivery delivery, UnitOfWork unitOfWork, Exception failure, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        if (channel.Consumer.ErrorChannel is { } errorChannel)
        {
            try
            {
                await SendToErrorChannelAsync(unitOfWork, errorChannel, message.ForReplay(FailureHeaders(message, failure)), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception refused) when (!IsShutdown(refused, cancellationToken))
            {
                // A message its error channel refuses must not come back for ever: it goes to the dead
                // letter with both reasons (after undoing the refused write, which may have aborted the transaction).
                await unitOfWork.RollbackAttemptAsync(cancellationToken).ConfigureAwait(false);
                var reason = $"{failure.Message} (error channel '{errorChannel}' refused the message: {refused.Message})";
                return await DeadLetterAsync(channel, delivery, reason, new AggregateException(reason, failure, refused), cancellationToken).ConfigureAwait(false);
            }

            await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            await AfterAcknowledgementAsync(unitOfWork, channel, message).ConfigureAwait(false);
            LogSentToErrorChannel(logger, failure, message.MessageId, message.EndpointId, errorChannel);
            return DeliveryOutcome.SentToErrorChannel;
        }

        switch (channel.Consumer.FinalFailure)
        {
            case FinalFailure.Ignore:
                await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
                LogIgnored(logger, failure, message.MessageId, message.EndpointId);
                return DeliveryOutcome.Ignored;
            case FinalFailure.StopConsumer:
                // Disposing the delivery without an outcome leaves the message on the channel.
                LogStopping(logger, failure, message.MessageId, message.EndpointId, channel.Name);
                return DeliveryOutcome.Released;
            default:
                return await DeadLetterAsync(channel, delivery, failure.Message, failure, cancellationToken).ConfigureAwait(false);
        }
    }

    // With a transaction, the failed message enters the error channel as it leaves its own: in the
    // transaction, or through the outbox. Otherwise it is sent before the message is acknowledged, so
    // a refusal still sends the message to the dead letter.
    private async ValueTask SendToErrorChannelAsync(UnitOfWork unitOfWork, string errorChannel, ChannelMessage failed, CancellationToken cancellationToken)
    {
        var target = runtime.Channels.Get(errorChannel);
        if (unitOfWork.Session is not { } session || (!target.Joins(session) && runtime.Outbox?.Accepts(session) != true))
        {
            await target.SendAsync(failed, cancellationToken).ConfigureAwait(false);
            return;
        }

        unitOfWork.Enqueue(target, failed);
        await unitOfWork.FlushInTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the message to the dead letter (the channel's own, if it has one, else the host's); the delivery
    /// that brought it counts as one more failed attempt.
    /// </summary>
    private async ValueTask<DeliveryOutcome> DeadLetterAsync(ChannelRegistration channel, IChannelDelivery delivery, string reason, Exception? exception, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        var entry = DeadLetter.For(channel.Name, message.ForRetry(availableAt: null), reason, exception, runtime.TimeProvider.GetUtcNow());
        if (!await delivery.DeadLetterAsync(entry, cancellationToken).ConfigureAwait(false))
        {
            await deadLetters.AddAsync(entry, cancellationToken).ConfigureAwait(false);
            await delivery.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }

        LogDeadLettered(logger, exception, message.MessageId, message.EndpointId, channel.Name, reason);
        return DeliveryOutcome.DeadLettered;
    }

    /// <summary>What makes a message unusable before any handler runs, or <see langword="null"/> when it can be handled.</summary>
    private (string Reason, Exception? Exception)? Unusable(ChannelRegistration channel, ChannelMessage message, out Endpoint endpoint, out object? payload)
    {
        payload = null;
        if (message.EndpointId.Length == 0)
        {
            // Another program's message: the channel's default endpoint takes it.
            if (!runtime.TryGetDefault(channel.Name, out endpoint))
            {
                return ($"The message names no endpoint, and channel '{channel.Name}' has no default endpoint for such messages: "
                    + "give the channel a [MessageConsumer] method, or set its ConsumerSettings.DefaultEndpointId, or send the message with an endpoint id.", null);
            }
        }
        else if (!runtime.TryGetAsynchronous(message.EndpointId, out endpoint))
        {
            return ($"No asynchronous endpoint '{message.EndpointId}' in this host. The handler was removed or renamed, or its module is not added.", null);
        }

        if (message.Payload.Length > channel.Consumer.MaxPayloadBytes)
        {
            return ($"The payload has {message.Payload.Length} bytes, more than the {channel.Consumer.MaxPayloadBytes} allowed on channel '{channel.Name}' (ConsumerSettings.MaxPayloadBytes).", null);
        }

        if (endpoint.ReadsRawPayload)
        {
            payload = message.Payload;
            return null;
        }

        if (endpoint.MessageType is not { } accepted)
        {
            return null;
        }

        var name = message.MessageName ?? runtime.Messages.NameOf(accepted);
        if (name is null || !runtime.Messages.TryGetByName(name, out var type))
        {
            return ($"Unknown message name '{name}': no composed module registers it.", null);
        }

        if (!type.ClrType.IsAssignableTo(accepted))
        {
            return ($"Message '{name}' is a {type.ClrType.FullName}, which {endpoint.Name} does not accept (it takes {accepted.FullName}).", null);
        }

        try
        {
            payload = type.Deserialize(message.Payload.Span);
            return null;
        }
        catch (MessageConversionException exception)
        {
            return (exception.Message, exception);
        }
    }

    /// <summary>Failures no retry can fix: the input itself is wrong.</summary>
    private static bool IsUnusableInput(Exception exception) => exception is MessageConversionException or MissingHeaderException;

    private static System.Collections.Generic.Dictionary<string, string> FailureHeaders(ChannelMessage message, Exception failure)
    {
        var headers = new System.Collections.Generic.Dictionary<string, string>(message.Headers, StringComparer.Ordinal)
        {
            ["failure-reason"] = failure.Message,
            ["failure-exception"] = failure.GetType().FullName ?? failure.GetType().Name,
        };
        return headers;
    }
}
