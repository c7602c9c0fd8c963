// server/portfolio's app-facing API: the portfolio (the whole-wallet page /record) and its share link, export and restore.
// app/ imports server/portfolio only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { exportWalletZip } from "./export";
export {
  portfolioView,
  portfolioSharePath,
  portfolioShareSettings,
  refreshPortfolioPage,
  renewPortfolioLink,
  setPortfolioSharing,
} from "./page";
export { restoreWalletZip } from "./restore";
