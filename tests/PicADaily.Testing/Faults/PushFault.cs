namespace PicADaily.Testing.Faults;

/// <summary>What the push proxy can do to one delivery on its way from Pub/Sub to a service.</summary>
public enum PushFault
{
    /// <summary>Forwarded as it came, the service's answer returned.</summary>
    None,

    /// <summary>Forwarded twice at once (two deliveries of one message); the first answer is returned.</summary>
    Duplicate,

    /// <summary>Held for a while before it is forwarded.</summary>
    Delay,

    /// <summary>Held until the next delivery to the same service has been forwarded and answered, then forwarded.</summary>
    Reorder,

    /// <summary>
    /// Forwarded and handled, then the connection is dropped instead of answering: the work was done,
    /// Pub/Sub saw no ack and redelivers it.
    /// </summary>
    LoseAck,

    /// <summary>Answered 503 on the service's behalf without forwarding: as if the service were down.</summary>
    AnswerForService,

    /// <summary>
    /// Forwarded, but answered 503 before the service finishes: what Pub/Sub sees when a handler outlives
    /// the ack deadline, so the redelivery runs while the first attempt still works.
    /// </summary>
    AckDeadlineExceeded,

    /// <summary>
    /// Forwarded and handled, then the service process is killed (SIGKILL) and the connection dropped:
    /// the service wrote its artifact and died before it could ack.
    /// </summary>
    KillAfterWrite,
}
