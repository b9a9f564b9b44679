package org.otklik.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.otklik.engine.TestClock;

class LifecycleTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final Lifecycle lifecycle = new Lifecycle(
            new LifecyclePolicy(Duration.ofDays(7), Duration.ofHours(24)), clock);

    private ConversationState assignedTo(long agent) {
        return lifecycle.assign(lifecycle.open("payments"), agent);
    }

    @Test
    void newConversationWaitsInItsDepartmentQueue() {
        ConversationState s = lifecycle.open("payments");
        assertThat(s.status()).isEqualTo(ConversationStatus.WAITING);
        assertThat(s.department()).isEqualTo("payments");
        assertThat(s.queuedAt()).isEqualTo(clock.instant());
        assertThat(s.assignee()).isNull();
    }

    @Test
    void aUserWhoLeavesWhileWaitingAbandonsTheConversationButCannotOnceAnAgentHasIt() {
        clock.advance(Duration.ofMinutes(12));
        ConversationState left = lifecycle.abandon(lifecycle.open("payments"));
        assertThat(left.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(left.closeReason()).isEqualTo(CloseReason.ABANDONED);
        assertThat(left.closedAt()).isEqualTo(clock.instant());
        assertThat(CloseReason.fromWire("abandoned")).isEqualTo(CloseReason.ABANDONED);
        assertThatThrownBy(() -> lifecycle.abandon(assignedTo(7))).isInstanceOf(LifecycleViolation.class);
        assertThatThrownBy(() -> lifecycle.abandon(left)).isInstanceOf(LifecycleViolation.class);
    }

    @Test
    void agentReplyHandsTheNextStepToTheUserAndRecordsTheFirstReplyOnce() {
        ConversationState s = lifecycle.agentReplied(assignedTo(7), 7);
        assertThat(s.status()).isEqualTo(ConversationStatus.AWAITING_USER);
        Instant first = s.firstReplyAt();
        assertThat(first).isEqualTo(clock.instant());

        clock.advance(Duration.ofMinutes(3));
        s = lifecycle.agentReplied(lifecycle.onUserMessage(s).state(), 7);
        assertThat(s.firstReplyAt()).isEqualTo(first);
    }

    @Test
    void userMessageWhileAwaitingUserReturnsTheConversationToItsAgent() {
        ConversationState s = lifecycle.agentReplied(assignedTo(7), 7);
        UserMessageOutcome outcome = lifecycle.onUserMessage(s);
        assertThat(outcome).isInstanceOf(UserMessageOutcome.ReturnedToAgent.class);
        assertThat(outcome.state().status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(outcome.state().assignee()).isEqualTo(7L);
    }

    @Test
    void userMessageAfterProposedResolutionWithdrawsTheProposal() {
        ConversationState s = lifecycle.proposeResolution(lifecycle.agentReplied(assignedTo(7), 7), 7);
        UserMessageOutcome outcome = lifecycle.onUserMessage(s);
        assertThat(outcome).isInstanceOf(UserMessageOutcome.ReturnedToAgent.class);
        assertThat(outcome.state().status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(outcome.state().resolutionProposedAt()).isNull();
        assertThat(lifecycle.isAutoCloseDue(outcome.state())).isFalse();
    }

    @Test
    void userMessageWhileWaitingOrAssignedIsAppended() {
        assertThat(lifecycle.onUserMessage(lifecycle.open("other")))
                .isInstanceOf(UserMessageOutcome.Appended.class);
        assertThat(lifecycle.onUserMessage(assignedTo(1))).isInstanceOf(UserMessageOutcome.Appended.class);
    }

    @Test
    void onlyAUserConfirmationClosesAsConfirmed() {
        ConversationState proposed = lifecycle.proposeResolution(assignedTo(7), 7);
        ConversationState closed = lifecycle.confirmResolution(proposed);
        assertThat(closed.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.CONFIRMED);
        assertThat(closed.previousAssignee()).isEqualTo(7L);
        assertThat(closed.assignee()).isNull();
    }

    @Test
    void confirmingWithoutAProposalIsAViolation() {
        assertThatThrownBy(() -> lifecycle.confirmResolution(assignedTo(7)))
                .isInstanceOf(LifecycleViolation.class)
                .hasMessageContaining("assigned");
    }

    @Test
    void rejectedResolutionGoesBackToTheAgent() {
        ConversationState s = lifecycle.rejectResolution(lifecycle.proposeResolution(assignedTo(7), 7));
        assertThat(s.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(s.assignee()).isEqualTo(7L);
    }

    @Test
    void onlyTheAssignedAgentCanReplyOrPropose() {
        ConversationState s = assignedTo(7);
        assertThatThrownBy(() -> lifecycle.agentReplied(s, 8)).isInstanceOf(LifecycleViolation.class);
        assertThatThrownBy(() -> lifecycle.proposeResolution(s, 8)).isInstanceOf(LifecycleViolation.class);
        assertThatThrownBy(() -> lifecycle.agentReplied(lifecycle.open("other"), 7))
                .isInstanceOf(LifecycleViolation.class);
    }

    @Test
    void replyAfterProposalKeepsTheProposalPending() {
        ConversationState proposed = lifecycle.proposeResolution(assignedTo(7), 7);
        ConversationState s = lifecycle.agentReplied(proposed, 7);
        assertThat(s.status()).isEqualTo(ConversationStatus.RESOLUTION_PROPOSED);
        assertThat(s.resolutionProposedAt()).isEqualTo(proposed.resolutionProposedAt());
    }

    @Test
    void unansweredProposalAutoClosesExactlyAtTheConfiguredTime() {
        ConversationState proposed = lifecycle.proposeResolution(assignedTo(7), 7);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(lifecycle.isAutoCloseDue(proposed)).isFalse();
        assertThatThrownBy(() -> lifecycle.autoClose(proposed)).isInstanceOf(LifecycleViolation.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(lifecycle.isAutoCloseDue(proposed)).isTrue();
        ConversationState closed = lifecycle.autoClose(proposed);
        assertThat(closed.closeReason()).isEqualTo(CloseReason.AUTO_CLOSED);
        assertThat(closed.closedAt()).isEqualTo(clock.instant());
    }

    @Test
    void userMessageWithinSevenDaysOfCloseReopensForThePreviousAgent() {
        ConversationState closed = lifecycle.confirmResolution(lifecycle.proposeResolution(assignedTo(7), 7));
        clock.advance(Duration.ofDays(7));
        UserMessageOutcome outcome = lifecycle.onUserMessage(closed);
        assertThat(outcome).isInstanceOf(UserMessageOutcome.Reopened.class);
        ConversationState reopened = outcome.state();
        assertThat(reopened.status()).isEqualTo(ConversationStatus.WAITING);
        assertThat(reopened.previousAssignee()).isEqualTo(7L);
        assertThat(reopened.reopenCount()).isEqualTo(1);
        assertThat(reopened.queuedAt()).isEqualTo(clock.instant());
        assertThat(reopened.closeReason()).isNull();
    }

    @Test
    void anUnansweredConversationGoesBackToTheQueueKeepingItsArrivalTimeButAnAnsweredOneStays() {
        ConversationState assigned = assignedTo(7);
        ConversationState back = lifecycle.returnToQueue(assigned);
        assertThat(back.status()).isEqualTo(ConversationStatus.WAITING);
        assertThat(back.assignee()).isNull();
        assertThat(back.previousAssignee()).isEqualTo(7L);
        assertThat(back.queuedAt()).isEqualTo(assigned.queuedAt());

        ConversationState answered = lifecycle.onUserMessage(lifecycle.agentReplied(assigned, 7)).state();
        assertThatThrownBy(() -> lifecycle.returnToQueue(answered)).isInstanceOf(LifecycleViolation.class);
    }

    @Test
    void overflowMovesAWaitingConversationToAnotherDepartment() {
        ConversationState moved = lifecycle.moveToDepartment(lifecycle.open("violations"), "other");
        assertThat(moved.department()).isEqualTo("other");
        assertThat(moved.status()).isEqualTo(ConversationStatus.WAITING);
        assertThatThrownBy(() -> lifecycle.moveToDepartment(assignedTo(1), "other"))
                .isInstanceOf(LifecycleViolation.class);
    }

    @Test
    void anAutomaticAnswerIsConfirmedByTheUserOrSendsTheConversationToTheQueue() {
        ConversationState opened = lifecycle.open("payments");
        clock.advance(Duration.ofSeconds(2));
        ConversationState answered = lifecycle.answerAutomatically(opened);
        assertThat(answered.status()).isEqualTo(ConversationStatus.RESOLUTION_PROPOSED);
        assertThat(answered.assignee()).isNull();

        ConversationState confirmed = lifecycle.confirmResolution(answered);
        assertThat(confirmed.closeReason()).isEqualTo(CloseReason.CONFIRMED);

        ConversationState rejected = lifecycle.rejectResolution(answered);
        assertThat(rejected.status()).isEqualTo(ConversationStatus.WAITING);
        assertThat(rejected.queuedAt()).isEqualTo(opened.queuedAt());

        UserMessageOutcome wrote = lifecycle.onUserMessage(answered);
        assertThat(wrote).isInstanceOf(UserMessageOutcome.BackToQueue.class);
        assertThat(wrote.state().status()).isEqualTo(ConversationStatus.WAITING);

        clock.advance(Duration.ofHours(24));
        assertThat(lifecycle.autoClose(answered).closeReason()).isEqualTo(CloseReason.AUTO_CLOSED);
    }

    @Test
    void userMessageAfterTheReopenWindowStartsANewConversation() {
        ConversationState closed = lifecycle.confirmResolution(lifecycle.proposeResolution(assignedTo(7), 7));
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(lifecycle.onUserMessage(closed)).isInstanceOf(UserMessageOutcome.StartsNewConversation.class);
    }
}
