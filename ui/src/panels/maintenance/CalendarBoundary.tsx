import { Component, type ReactNode } from "react";

type Props = { fallback: (message: string) => ReactNode; children: ReactNode };

/** Keeps a failure inside the calendar from blanking the whole console. */
export class CalendarBoundary extends Component<Props, { message: string | null }> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    return this.state.message === null ? this.props.children : this.props.fallback(this.state.message);
  }
}
