import { graphql } from '../../generated';

export const SCHEDULES_LIST = graphql(`
  query SchedulesList {
    schedules(first: 200) {
      totalCount
      edges {
        node {
          id name reportId dashboardId adminReport cron cronDescription timezone status pausedReason nextRunAt lastRunAt
          upcomingRuns(count: 1) { local utc }
          executions(first: 1) { edges { node { id status scheduledFor } } }
        }
      }
    }
    reports(first: 200) { edges { node { id name } } }
  }
`);

export const SCHEDULE_REPORTS = graphql(`
  query ScheduleReportOptions {
    reports(first: 200) {
      edges {
        node {
          id name
          definition {
            timeZone locale timeRange { from to period last { n unit includeCurrent } rolling { n unit } }
            parameters { name label type multiple required default options optionsColumn }
            measures { alias }
          }
        }
      }
    }
  }
`);

export const SCHEDULE_DETAIL = graphql(`
  query ScheduleDetail($id: ID!) {
    schedule(id: $id) {
      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery
      recipients ownerEmail skipIfEmpty businessDaysOnly holidayCountry holidayRegion onlyIfChanged nextRunAt lastRunAt runCount failureCount
      compression passwordProtected fileNameTemplate paperSize orientation parameterValues
      recipientParameters { recipient parameterValues }
      slackChannels webhookUrls hasWebhookSecret
      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }
      alertCondition { kind column comparison threshold changePercent notifyOnce }
      emailConfig { attachment subject message }
      s3Config { bucket keyTemplate }
    }
  }
`);

export const SCHEDULE_EXECUTIONS = graphql(`
  query ScheduleExecutions($id: ID!) {
    schedule(id: $id) {
      id
      executions(first: 20) {
        totalCount
        edges {
          node {
            id status scheduledFor triggeredBy failure { errorCode message } createdAt startedAt completedAt recipients
            export { id revision rowCount status }
            deliveries { id channel target status lastError attempts sentAt providerStatus providerDetail }
            condition { kind met armed notified observed threshold previous changePercent summary }
          }
        }
      }
    }
  }
`);

export const UPCOMING_RUNS = graphql(`
  query UpcomingRunsPreview($cron: String!, $timezone: String!, $businessDaysOnly: Boolean, $holidayCountry: String, $holidayRegion: String) {
    upcomingRuns(cron: $cron, timezone: $timezone, count: 5, businessDaysOnly: $businessDaysOnly, holidayCountry: $holidayCountry, holidayRegion: $holidayRegion) { local utc skipReason }
  }
`);

export const CREATE_SCHEDULE = graphql(`
  mutation CreateSchedule($input: CreateScheduleInput!) {
    createSchedule(input: $input) { id name status webhookSecret }
  }
`);

export const UPDATE_SCHEDULE = graphql(`
  mutation UpdateSchedule($id: ID!, $input: UpdateScheduleInput!) {
    updateSchedule(id: $id, input: $input) {
      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery
      recipients ownerEmail skipIfEmpty businessDaysOnly nextRunAt compression passwordProtected fileNameTemplate paperSize orientation
      recipientParameters { recipient parameterValues }
      slackChannels webhookUrls hasWebhookSecret webhookSecret
      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }
      emailConfig { attachment subject message }
      s3Config { bucket keyTemplate }
    }
  }
`);

export const DELETE_SCHEDULE = graphql(`
  mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) }
`);

export const PAUSE_SCHEDULE = graphql(`
  mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { id status pausedReason nextRunAt } }
`);

export const RESUME_SCHEDULE = graphql(`
  mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { id status pausedReason nextRunAt } }
`);

export const RUN_SCHEDULE_NOW = graphql(`
  mutation RunScheduleNow($id: ID!, $parameterValues: JSON) { runScheduleNow(id: $id, parameterValues: $parameterValues) { id status scheduledFor } }
`);

export const RESEND_FAILED = graphql(`
  mutation ResendFailedDeliveries($executionId: ID!) {
    resendFailedDeliveries(executionId: $executionId) {
      id status deliveries { id status lastError attempts sentAt }
    }
  }
`);

export const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateWebhookSecret($scheduleId: ID!) { rotateWebhookSecret(scheduleId: $scheduleId) }
`);

export const SLACK_CONNECTION = graphql(`
  query SlackConnectionStatus { slackConnection { slackConnected teamName connectedAt } }
`);

export const CONNECT_SLACK = graphql(`
  mutation ConnectSlack($token: String!) { connectSlack(token: $token) { slackConnected teamName connectedAt } }
`);

export const DISCONNECT_SLACK = graphql(`
  mutation DisconnectSlack { disconnectSlack { slackConnected teamName connectedAt } }
`);

export const SCHEDULE_DASHBOARDS = graphql(`
  query ScheduleDashboardOptions {
    dashboards { id name }
  }
`);
