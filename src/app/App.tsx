/**
 * Top-level layout: the header with the ways to open a study; at the left
 * what was loaded (study, series, messages); the images in the middle; at the
 * right the segmentation and planning panels.
 */
import { DropZone } from './components/DropZone';
import { MessageList } from './components/MessageList';
import { OpenButtons } from './components/OpenButtons';
import { ProgressBar } from './components/ProgressBar';
import { SeriesPicker } from './components/SeriesPicker';
import { StudyInfo } from './components/StudyInfo';
import { PlanningPanel } from './components/panels/PlanningPanel';
import { SegmentationPanel } from './components/panels/SegmentationPanel';
import { ViewerPanel } from './components/viewer/ViewerPanel';
import { useStudyStore } from './store/studyStore';

function Messages() {
  const load = useStudyStore((s) => s.loadMessages);
  const series = useStudyStore((s) => s.seriesMessages);
  return (
    <div data-testid="messages">
      <MessageList messages={load} label="Messages about the files" />
      <MessageList messages={series} label="Messages about the series" />
    </div>
  );
}

export function App() {
  return (
    <DropZone>
      <div className="app">
        <header className="app-header">
          <h1>NephroPlan</h1>
          <p className="disclaimer" role="note">
            Research tool, not a medical device. Images stay on this computer.
          </p>
          <OpenButtons />
        </header>
        <aside className="sidebar study-side">
          <ProgressBar />
          <Messages />
          <StudyInfo />
          <SeriesPicker />
        </aside>
        <main className="main">
          <ViewerPanel />
        </main>
        <aside className="sidebar tools-side">
          <SegmentationPanel />
          <PlanningPanel />
        </aside>
      </div>
    </DropZone>
  );
}
